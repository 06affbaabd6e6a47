package io.pitwall.protocol.dtc;

/** Raw diagnostic input that cannot be decoded; the message is the reason, fit to show to a person. */
public class InvalidDtcException extends IllegalArgumentException {

    public InvalidDtcException(String reason) {
        super(reason);
    }
}
