<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_PASSWORD', 'Violet277%d4vFzs' );
define( 'AUTH_KEY', 'pRwvpGO*>v3{M7(ZX+w>%j+U4((pYR9aR;v3e1M-?5%ujrb*Q+}I[I_d/t32:dL9' );
