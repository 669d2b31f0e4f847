package org.medxfer.gateway.domain;

/** No trial has the given name. */
public class TrialNotFoundException extends RuntimeException {

  private final String trialName;

  public TrialNotFoundException(String trialName) {
    super(trialName + " does not exist");
    this.trialName = trialName;
  }

  public String trialName() {
    return trialName;
  }
}
