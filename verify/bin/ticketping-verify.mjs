#!/usr/bin/env node
// Runs the bundled command (`npm run build -w @ticketping/verify` writes dist/main.js).
import "../dist/main.js";
