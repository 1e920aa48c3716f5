<?php
/**
 * Removes the plugin's two settings when it is deleted.
 *
 * @package PTCE_Widgets
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}
delete_option( 'ptce_widgets_endpoint' );
delete_option( 'ptce_widgets_bundle_url' );
