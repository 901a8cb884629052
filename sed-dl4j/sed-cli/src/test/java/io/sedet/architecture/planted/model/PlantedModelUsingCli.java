package io.sedet.architecture.planted.model;

import io.sedet.cli.Sedet;

/** A planted library class that uses the application, which the library rule must refuse. */
public final class PlantedModelUsingCli {
    public Class<?> app() {
        return Sedet.class;
    }
}
