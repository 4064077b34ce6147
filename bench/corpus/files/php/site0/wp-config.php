<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_PASSWORD', 'Summit754*XU2t0f' );
define( 'AUTH_KEY', '>!hT,M)qjT7S%ka~i^f-{Pb.#wR[%-0m*s^58S)eMGIXv>V6kWmqHlWTVic[Fv5M' );
