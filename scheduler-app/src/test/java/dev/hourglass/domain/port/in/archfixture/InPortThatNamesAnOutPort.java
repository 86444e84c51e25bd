package dev.hourglass.domain.port.in.archfixture;

import dev.hourglass.domain.port.out.archfixture.OutPortThatNamesAnInPort;

/**
 * With {@link OutPortThatNamesAnInPort}, breaks {@code domain_packages_are_free_of_cycles}: a cycle
 * between a package under {@code port.in} and one under {@code port.out}, which a slicing one level
 * deep ({@code domain.(*)..}) would lump into one slice {@code port} and never see.
 */
public interface InPortThatNamesAnOutPort {

    OutPortThatNamesAnInPort store();
}
