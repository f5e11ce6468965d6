/**
 * A Spring Boot application that embeds the orchestrator through rpa-spring-boot-starter: orders
 * confirmed by a durable job, submitted over HTTP.
 */
package org.rpa.examples.boot;
