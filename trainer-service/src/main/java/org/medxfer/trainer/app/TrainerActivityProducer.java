package org.medxfer.trainer.app;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.medxfer.trainer.domain.TrainerActivity;

/** The one activity record of this trainer instance. */
public class TrainerActivityProducer {

  @Produces
  @Singleton
  TrainerActivity trainerActivity() {
    return new TrainerActivity(Clock.systemUTC());
  }
}
