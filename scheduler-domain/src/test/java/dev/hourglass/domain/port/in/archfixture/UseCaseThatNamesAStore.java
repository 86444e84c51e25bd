package dev.hourglass.domain.port.in.archfixture;

import dev.hourglass.domain.port.out.archfixture.StoreThatNamesAUseCase;

/**
 * With {@link StoreThatNamesAUseCase}, breaks {@code domain_packages_are_free_of_cycles}: a cycle
 * between {@code port.in} and {@code port.out} packages, which slicing one level deep
 * ({@code domain.(*)..}) would lump into one slice {@code port} and never see.
 */
public interface UseCaseThatNamesAStore {

    StoreThatNamesAUseCase store();
}
