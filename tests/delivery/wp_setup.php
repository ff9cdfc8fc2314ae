<?php
// Installs the test WordPress and prints JSON with the users' application passwords.
// Run by tests/delivery/conftest.py: php wp_setup.php ABSPATH SITE_URL
define('WP_INSTALLING', true);
define('ABSPATH', $argv[1]);
$site = $argv[2];
$_SERVER['HTTP_HOST'] = parse_url($site, PHP_URL_HOST) . ':' . parse_url($site, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$result = wp_install('Khabar test desk', 'admin', 'admin@example.invalid', false, '', 'admin-pass-1');
update_option('siteurl', $site);
update_option('home', $site);
$out = array();
foreach (array('editor' => 'editor', 'contrib' => 'contributor') as $login => $role) {
    $id = wp_insert_user(array('user_login' => $login, 'user_pass' => $login . '-pass-1',
                               'user_email' => $login . '@example.invalid', 'role' => $role));
    list($password) = WP_Application_Passwords::create_new_application_password(
        $id, array('name' => 'khabar-tests'));
    $out[$login] = $password;
}
echo json_encode($out);
