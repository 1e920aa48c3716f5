<?php
/**
 * Plugin Name:       PTCE widgets
 * Description:       La carte des Pôles territoriaux de coopération économique, leurs fiches, la charte et le référentiel, par des shortcodes et des blocs : aucun script à coller, donc utilisables par les auteurs et les contributeurs.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       ptce-widgets
 *
 * @package PTCE_Widgets
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'PTCE_WIDGETS_VERSION', '0.1.0' );
define( 'PTCE_WIDGETS_FILE', __FILE__ );

require_once __DIR__ . '/includes/widgets.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/blocks.php';

add_action( 'init', 'ptce_widgets_register_shortcodes' );
add_action( 'init', 'ptce_widgets_register_blocks' );
add_action( 'admin_menu', 'ptce_widgets_settings_menu' );
add_action( 'admin_init', 'ptce_widgets_register_settings' );
add_filter( 'script_loader_tag', 'ptce_widgets_module_tag', 10, 3 );
