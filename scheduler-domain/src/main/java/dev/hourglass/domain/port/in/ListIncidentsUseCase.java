package dev.hourglass.domain.port.in;

import java.util.List;

public interface ListIncidentsUseCase {

    /** Incidents (CONTRACT §11.3), open ones first; with {@code openOnly}, those alone. */
    List<IncidentView> incidents(boolean openOnly);
}
