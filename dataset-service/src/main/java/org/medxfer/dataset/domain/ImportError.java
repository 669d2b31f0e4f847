package org.medxfer.dataset.domain;

/** Why the last import of a data set failed: a machine-readable reason and a message for people. */
public record ImportError(String reason, String message) {}
