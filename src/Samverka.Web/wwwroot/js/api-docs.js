// Starts the API reference (Scalar, served locally) on /api/docs without inline script.
Scalar.createApiReference('#app', { url: '/openapi/v1.json', hideClientButton: true });
