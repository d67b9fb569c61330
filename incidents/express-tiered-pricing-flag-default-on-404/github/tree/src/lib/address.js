'use strict';

const PATTERNS = {
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  US: /^\d{5}(-\d{4})?$/,
};

module.exports = {
  validatePostalCode(country, code) {
    if (typeof code !== 'string' || code.length === 0) return false;
    const pattern = PATTERNS[country];
    return pattern ? pattern.test(code.trim()) : true;
  },
};
