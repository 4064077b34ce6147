<?php
/*
 * Plugin Name: devskyy test shop
 * Description: For devskyy's WordPress audit tests only. Serves WooCommerce's admin REST routes
 * (wc/v3) as the audit sees them, with the orders route left open on purpose; on the hardened
 * server (DEVSKYY_HARDENED set by Apache) every route needs a login and the usual leaks are closed.
 */
$devskyy_hardened = !empty($_SERVER['DEVSKYY_HARDENED']);

add_action('rest_api_init', function () use ($devskyy_hardened) {
    $admin = function () {
        return current_user_can('manage_options');
    };
    $orders = $devskyy_hardened ? $admin : '__return_true'; // the planted weakness
    register_rest_route('wc/v3', '/orders', array(
        'methods' => 'GET',
        'permission_callback' => $orders,
        'callback' => function () {
            return array(array('id' => 101, 'status' => 'processing', 'total' => '120.00', 'currency' => 'USD',
                'billing' => array('first_name' => 'Ada', 'email' => 'shopper@example.com')));
        },
    ));
    foreach (array('products', 'customers') as $resource) {
        register_rest_route('wc/v3', '/' . $resource, array(
            'methods' => 'GET',
            'permission_callback' => $admin,
            'callback' => function () use ($resource) {
                return $resource === 'products'
                    ? array(array('id' => 7, 'name' => 'Runway jacket', 'price' => '120.00', 'status' => 'publish'))
                    : array(array('id' => 3, 'email' => 'shopper@example.com'));
            },
        ));
    }
});

if ($devskyy_hardened) {
    remove_action('wp_head', 'wp_generator');
    add_filter('rest_endpoints', function ($endpoints) {
        if (!is_user_logged_in()) {
            unset($endpoints['/wp/v2/users'], $endpoints['/wp/v2/users/(?P<id>[\d]+)']);
        }
        return $endpoints;
    });
    add_action('template_redirect', function () { // before redirect_canonical, which names the author
        if (isset($_GET['author'])) {
            wp_safe_redirect(home_url('/'), 301);
            exit;
        }
    }, 1);
}
