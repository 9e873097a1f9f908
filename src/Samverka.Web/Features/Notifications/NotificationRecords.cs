using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Deadlines;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Notifications;

/// <summary>Belongs to one person: only they (or background work as System) read and write it. Enforced by the context's filters and write check.</summary>
public interface IUserOwned
{
    Guid UserId { get; }
}

/// <summary>
/// A reminder in a person's inbox. <see cref="Key"/> is the effect key (deadline, occasion) and is
/// unique per person: the daily pass writes a notification at most once, however often it runs, in
/// the same transaction as the e-mail it queues.
/// </summary>
public sealed class Notification : IUserOwned
{
    public const int MaxText = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid? MunicipalityId { get; set; }
    public string Key { get; set; } = "";
    public string DeadlineKey { get; set; } = "";
    public ReminderKind Kind { get; set; }
    public Occasion Occasion { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public string Link { get; set; } = "";
    public DateOnly By { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Set when the deadline was met before the person read it: nothing left to do.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The e-mail that carries it (its own, or the day's summary); null while it waits for the summary or when it is for the inbox only.</summary>
    public Guid? MailId { get; set; }
    public bool AwaitsDigest { get; set; }
}

/// <summary>
/// An e-mail to send, written in the same transaction as what it tells (the outbox). Sent by one
/// instance at a time under a short claim; <see cref="SentAt"/> is written after the SMTP server
/// accepted it. A crash between the two is the one case a second copy can arrive (ADR 0014); the
/// Message-ID is the row's, so a copy is recognisable.
/// </summary>
public sealed class OutgoingMail
{
    public const int MaxAttempts = 10;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public Guid? UserId { get; set; }
    public string To { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";

    /// <summary>For a single reminder: its deadline, checked again before sending (no mail for what is already done).</summary>
    public string? DeadlineKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Not sent, and never will be: the deadline was met first, or every attempt failed.</summary>
    public DateTimeOffset? DroppedAt { get; set; }
    public string? DroppedBecause { get; set; }

    public string MessageId => $"{Id:N}@samverka";
}

/// <summary>How one person wants one kind of reminder. A kind without a row gets <see cref="Reminders.DefaultDelivery"/>.</summary>
public sealed class NotificationPreference : IUserOwned
{
    public Guid UserId { get; set; }
    public ReminderKind Kind { get; set; }
    public Delivery Delivery { get; set; }
}

/// <summary>
/// A secret calendar address (iCalendar) that needs no sign-in: the person's deadlines, or one
/// partnership's. The secret is kept protected (so the person can be shown it again) and looked up
/// by its SHA-256; a renewed or revoked address stops working at once. The feed acts as its owner,
/// so it shows only what the owner may see now.
/// </summary>
public sealed class CalendarFeed : IUserOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid? PartnershipId { get; set; }
    public string SecretHash { get; set; } = "";
    public string ProtectedSecret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.DeadlineKey).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Text).HasMaxLength(Notification.MaxText);
        b.Property(x => x.Link).HasMaxLength(300);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Occasion).HasConversion<string>().HasMaxLength(20);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
        b.HasIndex(x => new { x.UserId, x.ReadAt });
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
        b.HasIndex(x => x.DeadlineKey);
        b.HasIndex(x => new { x.ResolvedAt, x.Id });
    }
}

public sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> b)
    {
        b.ToTable("OutgoingMail");
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.To).HasMaxLength(256);
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.DeadlineKey).HasMaxLength(200);
        b.Property(x => x.LastError).HasMaxLength(500);
        b.Property(x => x.DroppedBecause).HasMaxLength(200);
        b.Ignore(x => x.MessageId);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => new { x.SentAt, x.DroppedAt, x.NextAttemptAt });
    }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("NotificationPreferences");
        b.HasKey(x => new { x.UserId, x.Kind });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(20);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.ToTable("CalendarFeeds");
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.Property(x => x.ProtectedSecret).HasMaxLength(1000);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Partnerships.Partnership>().WithMany().HasForeignKey(x => x.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => new { x.UserId, x.PartnershipId });
    }
}
