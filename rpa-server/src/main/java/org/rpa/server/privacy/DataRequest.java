package org.rpa.server.privacy;

/**
 * A data subject request as it arrives ({@code POST /privacy/data-request}); {@link
 * PrivacyRequests#handle} validates it. Every field but {@code requestType} and {@code email} may
 * be null.
 *
 * @param requestType access, correction or deletion
 * @param subject the circuit number, account or customer reference the request is about
 * @param reference the reference a first request was given, when the officer carries it out
 */
public record DataRequest(
    String requestType,
    String email,
    String name,
    String subject,
    String details,
    String reference) {}
