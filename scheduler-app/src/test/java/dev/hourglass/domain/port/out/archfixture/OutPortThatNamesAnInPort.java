package dev.hourglass.domain.port.out.archfixture;

import dev.hourglass.domain.port.in.archfixture.InPortThatNamesAnOutPort;

/** The {@code port.out} half of the cycle that {@link InPortThatNamesAnOutPort} starts. */
public interface OutPortThatNamesAnInPort {

    InPortThatNamesAnOutPort useCase();
}
