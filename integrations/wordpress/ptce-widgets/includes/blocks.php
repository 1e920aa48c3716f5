<?php
/**
 * Blocks for the block editor, one per widget, with the shortcodes' options: rendered on the
 * server (register_block_type with a render callback), edited in the sidebar by blocks/editor.js,
 * plain JavaScript that needs no build step.
 *
 * @package PTCE_Widgets
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The editor script and the four blocks. */
function ptce_widgets_register_blocks() {
	wp_register_script(
		'ptce-widgets-blocks',
		plugins_url( 'blocks/editor.js', PTCE_WIDGETS_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-i18n' ),
		PTCE_WIDGETS_VERSION,
		true
	);
	$for_editor = array();
	foreach ( ptce_widgets_definitions() as $name => $widget ) {
		$attributes = array();
		$options    = array();
		foreach ( $widget['options'] as $option_name => $option ) {
			$attributes[ $option_name ] = array(
				'type'    => 'string',
				'default' => '',
			);
			$options[]                  = array(
				'name'   => $option_name,
				'label'  => $option['label'],
				'values' => isset( $option['values'] ) ? array_keys( $option['values'] ) : null,
			);
		}
		register_block_type(
			'ptce-widgets/' . $name,
			array(
				'api_version'     => 2,
				'title'           => $widget['title'],
				'category'        => 'widgets',
				'icon'            => $widget['icon'],
				'attributes'      => $attributes,
				'editor_script'   => 'ptce-widgets-blocks',
				'render_callback' => function ( $attrs ) use ( $name ) {
					return ptce_widgets_render( $name, $attrs );
				},
			)
		);
		$for_editor[] = array(
			'name'    => 'ptce-widgets/' . $name,
			'title'   => $widget['title'],
			'element' => $widget['element'],
			'options' => $options,
		);
	}
	wp_add_inline_script( 'ptce-widgets-blocks', 'window.ptceWidgetsBlocks = ' . wp_json_encode( $for_editor ) . ';', 'before' );
}
