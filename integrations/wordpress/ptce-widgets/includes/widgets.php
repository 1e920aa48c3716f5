<?php
/**
 * The four widgets and their options: the shortcode's and the block's attribute names (French, as
 * WordPress users write them), the element's attribute each one sets, and the values it accepts.
 * A value outside them is dropped, so the element keeps its default.
 *
 * @package PTCE_Widgets
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Options every widget takes.
 *
 * @return array<string, array> Option name => definition.
 */
function ptce_widgets_common_options() {
	return array(
		'endpoint'       => array(
			'label' => __( 'Adresse de la source de données (remplace le réglage du site)', 'ptce-widgets' ),
			'type'  => 'url',
		),
		'langue'         => array(
			'label'     => __( 'Langue', 'ptce-widgets' ),
			'attribute' => 'lang',
			'values'    => array(
				'fr' => 'fr',
				'en' => 'en',
			),
		),
		'theme'          => array(
			'label'     => __( 'Thème', 'ptce-widgets' ),
			'attribute' => 'theme',
			'values'    => array(
				'auto'    => 'auto',
				'systeme' => 'system',
				'clair'   => 'light',
				'sombre'  => 'dark',
			),
		),
		'niveau_titre'   => array(
			'label'     => __( 'Niveau du titre (1 à 6)', 'ptce-widgets' ),
			'attribute' => 'heading-level',
			'values'    => array_combine( array( '1', '2', '3', '4', '5', '6' ), array( '1', '2', '3', '4', '5', '6' ) ),
		),
		'couleur_accent' => array(
			'label' => __( 'Couleur d’accent (#rrggbb)', 'ptce-widgets' ),
			'css'   => '--ptce-color-accent',
		),
		'couleur_texte'  => array(
			'label' => __( 'Couleur du texte (#rrggbb)', 'ptce-widgets' ),
			'css'   => '--ptce-color-text',
		),
		'couleur_fond'   => array(
			'label' => __( 'Couleur de fond (#rrggbb)', 'ptce-widgets' ),
			'css'   => '--ptce-color-surface',
		),
		'couleur_bordure' => array(
			'label' => __( 'Couleur des bordures (#rrggbb)', 'ptce-widgets' ),
			'css'   => '--ptce-color-border',
		),
	);
}

/**
 * The widgets, by shortcode suffix ([ptce_carte], block ptce-widgets/carte).
 *
 * @return array<string, array> Widget name => element, title and options.
 */
function ptce_widgets_definitions() {
	$department = array(
		'label'     => __( 'Département (code INSEE : 01, 2A, 974…)', 'ptce-widgets' ),
		'attribute' => 'department',
		'pattern'   => '/^(?:\d{2}|2[AB]|97\d)$/i',
	);
	$widgets    = array(
		'carte'       => array(
			'element' => 'ptce-pole-map',
			'title'   => __( 'Carte des PTCE', 'ptce-widgets' ),
			'icon'    => 'location-alt',
			'options' => array(
				'region'      => array(
					'label'     => __( 'Région (code INSEE : 84, 93…)', 'ptce-widgets' ),
					'attribute' => 'region',
					'pattern'   => '/^\d{2}$/',
				),
				'departement' => $department,
				'regions'     => array(
					'label'     => __( 'Régions', 'ptce-widgets' ),
					'attribute' => 'regions',
					'values'    => array(
						'actuelles' => 'current',
						'2015'      => '2015',
					),
				),
				'vue'         => array(
					'label'     => __( 'Vue', 'ptce-widgets' ),
					'attribute' => 'view',
					'values'    => array(
						'les-deux' => 'both',
						'carte'    => 'map',
						'liste'    => 'list',
					),
				),
				'mode'        => array(
					'label'     => __( 'Marques', 'ptce-widgets' ),
					'attribute' => 'mode',
					'values'    => array(
						'marqueurs' => 'markers',
						'densite'   => 'density',
					),
				),
			),
		),
		'fiche'       => array(
			'element' => 'ptce-pole-card',
			'title'   => __( 'Fiche d’un PTCE', 'ptce-widgets' ),
			'icon'    => 'id',
			'options' => array(
				'pole'    => array(
					'label'     => __( 'Identifiant du pôle (domb-innov…)', 'ptce-widgets' ),
					'attribute' => 'pole-id',
					'pattern'   => '/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/',
				),
				'variante' => array(
					'label'     => __( 'Présentation', 'ptce-widgets' ),
					'attribute' => 'variant',
					'values'    => array(
						'complete' => 'full',
						'compacte' => 'compact',
					),
				),
			),
		),
		'charte'      => array(
			'element' => 'ptce-charter',
			'title'   => __( 'Charte des PTCE', 'ptce-widgets' ),
			'icon'    => 'media-document',
			'options' => array(
				'confidentialite' => array(
					'label'     => __( 'Page de confidentialité (adresse)', 'ptce-widgets' ),
					'attribute' => 'privacy-url',
					'type'      => 'url',
				),
			),
		),
		'referentiel' => array(
			'element' => 'ptce-referentiel',
			'title'   => __( 'Référentiel des PTCE', 'ptce-widgets' ),
			'icon'    => 'editor-table',
			'options' => array(
				'pole' => array(
					'label'     => __( 'Identifiant du pôle (pour répondre)', 'ptce-widgets' ),
					'attribute' => 'pole-id',
					'pattern'   => '/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/',
				),
			),
		),
	);
	foreach ( $widgets as $name => $widget ) {
		$widgets[ $name ]['options'] = $widget['options'] + ptce_widgets_common_options();
	}
	return $widgets;
}

/**
 * The element's own attribute values are accepted too (vue="list" as well as vue="liste").
 *
 * @param array  $option The option's definition.
 * @param string $value  What the editor typed.
 * @return string|null The element's value, or null when the option does not take it.
 */
function ptce_widgets_option_value( $option, $value ) {
	$value = trim( (string) $value );
	if ( '' === $value ) {
		return null;
	}
	if ( isset( $option['css'] ) ) {
		return sanitize_hex_color( $value );
	}
	if ( isset( $option['values'] ) ) {
		$key = strtolower( remove_accents( $value ) );
		if ( isset( $option['values'][ $key ] ) ) {
			return $option['values'][ $key ];
		}
		return in_array( $value, $option['values'], true ) ? $value : null;
	}
	if ( isset( $option['pattern'] ) ) {
		return preg_match( $option['pattern'], $value ) ? $value : null;
	}
	if ( isset( $option['type'] ) && 'url' === $option['type'] ) {
		$url = esc_url_raw( $value, array( 'http', 'https' ) );
		return '' === $url ? null : $url;
	}
	return $value;
}
