/* The blocks' editing side, plain JavaScript for WordPress's own globals (no build step). The block
 * list and each block's options come from PHP (includes/blocks.php); the page shows the widget. */
(function (wp, blocks) {
  'use strict';
  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var InspectorControls = wp.blockEditor.InspectorControls;
  var PanelBody = wp.components.PanelBody;
  var TextControl = wp.components.TextControl;
  var SelectControl = wp.components.SelectControl;
  var Placeholder = wp.components.Placeholder;

  function control(option, attributes, setAttributes) {
    var change = function (value) {
      var update = {};
      update[option.name] = value;
      setAttributes(update);
    };
    if (option.values) {
      var choices = [{ label: __('(par défaut)', 'ptce-widgets'), value: '' }].concat(
        option.values.map(function (value) {
          return { label: value, value: value };
        }),
      );
      return el(SelectControl, {
        key: option.name,
        label: option.label,
        value: attributes[option.name],
        options: choices,
        onChange: change,
      });
    }
    return el(TextControl, { key: option.name, label: option.label, value: attributes[option.name], onChange: change });
  }

  blocks.forEach(function (block) {
    wp.blocks.registerBlockType(block.name, {
      edit: function (props) {
        var summary = block.options
          .filter(function (option) {
            return props.attributes[option.name];
          })
          .map(function (option) {
            return option.name + ' = ' + props.attributes[option.name];
          })
          .join(', ');
        return el(
          'div',
          wp.blockEditor.useBlockProps(),
          el(
            InspectorControls,
            null,
            el(
              PanelBody,
              { title: __('Réglages du widget', 'ptce-widgets') },
              block.options.map(function (option) {
                return control(option, props.attributes, props.setAttributes);
              }),
            ),
          ),
          el(
            Placeholder,
            {
              label: block.title,
              instructions: __('Le widget s’affiche sur la page publiée. Ses réglages sont dans la colonne de droite.', 'ptce-widgets'),
            },
            summary ? el('code', null, summary) : null,
          ),
        );
      },
      save: function () {
        return null;
      },
    });
  });
})(window.wp, window.ptceWidgetsBlocks || []);
