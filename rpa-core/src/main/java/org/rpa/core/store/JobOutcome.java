package org.rpa.core.store;

import java.util.Map;
import org.rpa.core.job.JobError;

/**
 * What a job records of its last execution, as a {@link Transition} writes it: a result (on
 * success) or an error.
 *
 * @param result null unless the execution succeeded
 * @param error null unless it failed
 */
public record JobOutcome(Map<String, Object> result, JobError error) {}
