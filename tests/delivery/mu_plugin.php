<?php
// Registers the khabar_* post meta for the REST API (what a newsroom site adds).
add_action('init', function () {
    $keys = array('khabar_id', 'khabar_deck', 'khabar_byline_name', 'khabar_byline_role',
        'khabar_dateline', 'khabar_dateline_place', 'khabar_dateline_date', 'khabar_place_city',
        'khabar_place_district', 'khabar_place_state', 'khabar_place_country',
        'khabar_language', 'khabar_priority', 'khabar_embargo');
    foreach ($keys as $key) {
        register_post_meta('post', $key, array('show_in_rest' => true, 'single' => true,
            'type' => 'string', 'auth_callback' => function () {
                return current_user_can('edit_posts');
            }));
    }
    register_post_meta('attachment', 'khabar_credit', array('show_in_rest' => true,
        'single' => true, 'type' => 'string', 'auth_callback' => function () {
            return current_user_can('upload_files');
        }));
});
