package dev.hourglass.domain.policy;

/** What an operator can ask of a job. */
public enum Operation {
    PAUSE, RESUME, FORCE_RESUME, RUN_NOW, DELETE
}
