package org.medxfer.gateway.domain;

import java.time.Instant;

/** A position in the newest-first list of studies: the last study of a page. */
public record StudyCursor(Instant createTime, String name) {}
