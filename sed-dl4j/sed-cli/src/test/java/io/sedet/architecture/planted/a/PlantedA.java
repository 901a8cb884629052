package io.sedet.architecture.planted.a;

import io.sedet.architecture.planted.b.PlantedB;

/** Half of a planted package cycle (a uses b, b uses a) that LayeringTest shows the rule catching. */
public final class PlantedA {
    public PlantedB partner() {
        return new PlantedB();
    }
}
