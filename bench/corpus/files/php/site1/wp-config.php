<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_PASSWORD', 'Summit665*AZK4OE' );
define( 'AUTH_KEY', 'x[YSoN=Scq;%=O^+_J^&a<zWdr_/}/e1Tkvp0S62Rf5)4w|Vb_p^e4/Q0%]dj=TK' );
