package dev.shipgate.notification.delivery.domain;

public enum DeliveryStatus { PENDING, SENT, FAILED }
