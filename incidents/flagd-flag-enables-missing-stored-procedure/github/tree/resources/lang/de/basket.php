<?php

return [
    'empty' => 'Dein Warenkorb ist leer.',
    'bundle_discount' => 'Set-Rabatt: :label',
    'free_shipping_hint' => 'Noch :amount bis zum kostenlosen Versand',
    'line_removed' => ':product wurde entfernt.',
];
