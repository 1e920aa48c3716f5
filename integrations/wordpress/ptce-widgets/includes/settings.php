<?php
/**
 * Settings › PTCE widgets: the data source's address (the endpoint) and, optionally, the bundle's.
 *
 * @package PTCE_Widgets
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The settings and their fields. */
function ptce_widgets_register_settings() {
	$url = array(
		'type'              => 'string',
		'sanitize_callback' => 'ptce_widgets_sanitize_url',
		'default'           => '',
	);
	register_setting( 'ptce_widgets', 'ptce_widgets_endpoint', $url );
	register_setting( 'ptce_widgets', 'ptce_widgets_bundle_url', $url );
	add_settings_section( 'ptce_widgets_main', '', '__return_false', 'ptce_widgets' );
	add_settings_field(
		'ptce_widgets_endpoint',
		__( 'Source de données (endpoint)', 'ptce-widgets' ),
		'ptce_widgets_url_field',
		'ptce_widgets',
		'ptce_widgets_main',
		array(
			'label_for'   => 'ptce_widgets_endpoint',
			'description' => __( 'L’adresse du document de découverte (…/ptce.json) que les widgets lisent. Un shortcode ou un bloc peut la remplacer (endpoint="…").', 'ptce-widgets' ),
		)
	);
	add_settings_field(
		'ptce_widgets_bundle_url',
		__( 'Adresse du script des widgets (facultatif)', 'ptce-widgets' ),
		'ptce_widgets_url_field',
		'ptce_widgets',
		'ptce_widgets_main',
		array(
			'label_for'   => 'ptce_widgets_bundle_url',
			'description' => __( 'Vide : la copie livrée avec l’extension. Sinon, par exemple, …/ptce-widgets@0.1.0/cdn/ptce-widgets.js.', 'ptce-widgets' ),
		)
	);
}

/**
 * Only http(s) addresses are kept.
 *
 * @param mixed $value What was submitted.
 * @return string The address, or empty.
 */
function ptce_widgets_sanitize_url( $value ) {
	return esc_url_raw( trim( (string) $value ), array( 'http', 'https' ) );
}

/**
 * One address field with its description.
 *
 * @param array $args label_for (the option) and description.
 */
function ptce_widgets_url_field( $args ) {
	$option = $args['label_for'];
	printf(
		'<input type="url" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" aria-describedby="%1$s-description" /><p class="description" id="%1$s-description">%3$s</p>',
		esc_attr( $option ),
		esc_attr( get_option( $option, '' ) ),
		esc_html( $args['description'] )
	);
}

/** The page under Settings. */
function ptce_widgets_settings_menu() {
	add_options_page( __( 'PTCE widgets', 'ptce-widgets' ), __( 'PTCE widgets', 'ptce-widgets' ), 'manage_options', 'ptce_widgets', 'ptce_widgets_settings_page' );
}

/** Its content. */
function ptce_widgets_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<form action="options.php" method="post">
			<?php
			settings_fields( 'ptce_widgets' );
			do_settings_sections( 'ptce_widgets' );
			submit_button();
			?>
		</form>
		<h2><?php esc_html_e( 'Utilisation', 'ptce-widgets' ); ?></h2>
		<p><?php esc_html_e( 'Dans une page ou un article, un bloc « PTCE » ou un shortcode :', 'ptce-widgets' ); ?></p>
		<ul>
			<li><code>[ptce_carte region="84" vue="liste"]</code></li>
			<li><code>[ptce_fiche pole="domb-innov"]</code></li>
			<li><code>[ptce_charte]</code></li>
			<li><code>[ptce_referentiel]</code></li>
		</ul>
	</div>
	<?php
}
