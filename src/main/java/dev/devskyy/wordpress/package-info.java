/**
 * WordPress and WooCommerce, the platform's storefront: what a site tells an attacker who has not
 * logged in ({@link dev.devskyy.wordpress.WordPressAudit}), checked through the runtime's guarded
 * network client only.
 */
package dev.devskyy.wordpress;
