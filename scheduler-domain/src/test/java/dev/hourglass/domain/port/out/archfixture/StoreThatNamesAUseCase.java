package dev.hourglass.domain.port.out.archfixture;

import dev.hourglass.domain.port.in.archfixture.UseCaseThatNamesAStore;

/** The {@code port.out} half of the cycle that {@link UseCaseThatNamesAStore} starts. */
public interface StoreThatNamesAUseCase {

    UseCaseThatNamesAStore useCase();
}
