'use strict';

const express = require('express');
const config = require('config');

const router = express.Router();

function requireSession(req, res, next) {
  if (!req.session) {
    res.status(401).json({ error: 'not_signed_in' });
    return;
  }
  next();
}

router.get('/me', requireSession, (req, res) => {
  res.json({ id: req.session.accountId, plan: req.session.plan, avatar: req.session.avatar });
});

router.get('/me/devices', requireSession, (req, res) => {
  res.json({ devices: req.session.devices || [] });
});

router.put('/me/avatar', requireSession, express.json(), (req, res) => {
  const url = new URL(req.body.url);
  if (!config.get('avatars.allowedHosts').includes(url.host)) {
    res.status(422).json({ error: 'avatar_host_not_allowed' });
    return;
  }
  res.status(204).end();
});

module.exports = router;
