<?php
/**
 * Shortcodes and their HTML: one custom element whose every attribute value is escaped, and the
 * widgets' module script enqueued once per page.
 *
 * @package PTCE_Widgets
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Registers [ptce_carte], [ptce_fiche], [ptce_charte] and [ptce_referentiel]. */
function ptce_widgets_register_shortcodes() {
	foreach ( array_keys( ptce_widgets_definitions() ) as $name ) {
		add_shortcode(
			'ptce_' . $name,
			function ( $atts ) use ( $name ) {
				return ptce_widgets_render( $name, is_array( $atts ) ? $atts : array() );
			}
		);
	}
}

/**
 * The option an attribute name stands for: its French name (niveau_titre, niveau-titre) or the
 * element's own attribute (heading-level).
 *
 * @param array  $options The widget's options.
 * @param string $name    The attribute's name as written.
 * @return string|null The option's name.
 */
function ptce_widgets_option_name( $options, $name ) {
	$name = str_replace( '-', '_', strtolower( (string) $name ) );
	if ( isset( $options[ $name ] ) ) {
		return $name;
	}
	foreach ( $options as $option_name => $option ) {
		if ( isset( $option['attribute'] ) && str_replace( '-', '_', $option['attribute'] ) === $name ) {
			return $option_name;
		}
	}
	return null;
}

/**
 * A widget's HTML, from shortcode or block attributes.
 *
 * @param string $name  carte, fiche, charte or referentiel.
 * @param array  $atts  Attributes as written by the editor.
 * @return string The element, its attribute values escaped.
 */
function ptce_widgets_render( $name, $atts ) {
	$widgets = ptce_widgets_definitions();
	if ( ! isset( $widgets[ $name ] ) ) {
		return '';
	}
	$widget     = $widgets[ $name ];
	$attributes = array( 'endpoint' => get_option( 'ptce_widgets_endpoint', '' ) );
	$styles     = array();
	foreach ( $atts as $key => $raw ) {
		$option_name = ptce_widgets_option_name( $widget['options'], $key );
		if ( null === $option_name || is_array( $raw ) ) {
			continue;
		}
		$option = $widget['options'][ $option_name ];
		$value  = ptce_widgets_option_value( $option, $raw );
		if ( null === $value || '' === $value ) {
			continue;
		}
		if ( isset( $option['css'] ) ) {
			$styles[] = $option['css'] . ': ' . $value;
		} else {
			$attributes[ isset( $option['attribute'] ) ? $option['attribute'] : $option_name ] = $value;
		}
	}
	if ( $styles ) {
		$attributes['style'] = implode( '; ', $styles );
	}

	ptce_widgets_enqueue();
	$html = '<' . $widget['element'];
	foreach ( $attributes as $attribute => $value ) {
		if ( '' !== (string) $value ) {
			$html .= ' ' . $attribute . '="' . esc_attr( $value ) . '"';
		}
	}
	return $html . '></' . $widget['element'] . '>';
}

/** The bundle's address: the setting, else the copy inside the plugin. */
function ptce_widgets_bundle_url() {
	$url = get_option( 'ptce_widgets_bundle_url', '' );
	return '' !== $url ? $url : plugins_url( 'assets/cdn/ptce-widgets.js', PTCE_WIDGETS_FILE );
}

/** Enqueues the widgets' module script; WordPress prints a handle once, however many widgets. */
function ptce_widgets_enqueue() {
	wp_enqueue_script( 'ptce-widgets', ptce_widgets_bundle_url(), array(), PTCE_WIDGETS_VERSION, true );
}

/**
 * The bundle is an ES module: WordPress 6.1 prints classic scripts only, so its tag is rewritten.
 *
 * @param string $tag    The tag WordPress made.
 * @param string $handle The script's handle.
 * @param string $src    Its address.
 * @return string The module tag for ours, the others unchanged.
 */
function ptce_widgets_module_tag( $tag, $handle, $src ) {
	if ( 'ptce-widgets' !== $handle ) {
		return $tag;
	}
	// phpcs:ignore WordPress.WP.EnqueuedResources.NonEnqueuedScript -- the enqueued script's own tag.
	return '<script type="module" src="' . esc_url( $src ) . '" id="ptce-widgets-js"></script>' . "\n";
}
