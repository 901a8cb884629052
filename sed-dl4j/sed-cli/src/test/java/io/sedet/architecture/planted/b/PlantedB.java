package io.sedet.architecture.planted.b;

import io.sedet.architecture.planted.a.PlantedA;

/** The other half of the planted cycle. */
public final class PlantedB {
    public PlantedA partner() {
        return new PlantedA();
    }
}
