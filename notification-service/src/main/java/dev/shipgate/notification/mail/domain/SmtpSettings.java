package dev.shipgate.notification.mail.domain;

/**
 * Where mail goes: any SMTP server, AWS SES's SMTP endpoint included ({@code email-smtp.<region>.amazonaws.com},
 * port 587, STARTTLS, SMTP credentials). The password is write-only: it is never returned or logged.
 */
public record SmtpSettings(String host, int port, String username, String password, boolean startTls,
                           String from) {

    /** For showing: everything but the password, and whether one is set. */
    public record View(String host, int port, String username, boolean passwordSet, boolean startTls, String from) {
    }

    public View view() {
        return new View(host, port, username, password != null && !password.isEmpty(), startTls, from);
    }

    /** Keeps the stored password when a change leaves it out. */
    public SmtpSettings keepingPasswordOf(SmtpSettings previous) {
        if ((password == null || password.isEmpty()) && previous != null) {
            return new SmtpSettings(host, port, username, previous.password(), startTls, from);
        }
        return this;
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", password=***, startTls="
                + startTls + ", from=" + from + "]";
    }
}
