'use strict';

const express = require('express');
const places = require('../upstream/placesClient');

const router = express.Router();

router.get('/', async (req, res, next) => {
  const lat = Number(req.query.lat);
  const lon = Number(req.query.lon);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
    return res.status(400).json({ error: 'bad_coordinates' });
  }
  try {
    const body = await places.reverse(lat, lon, req.query.lang || 'en');
    return res.json(body);
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
