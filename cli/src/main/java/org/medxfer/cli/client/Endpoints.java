package org.medxfer.cli.client;

/** Where the services a user talks to are. */
public record Endpoints(Endpoint gateway, Endpoint datasets, Endpoint evaluation) {}
