using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Data.Configurations;

/// <summary>
/// Each kind of partnership record in a table of its own, keyed by its id, with the partnership
/// as a shadow foreign key, its own version and an index on the partnership and the record's
/// date. Nested values that are read and written whole with their record (a meeting's decisions,
/// an activity's figures) are JSON columns of that record.
/// </summary>
public static class PartnershipRecordTables
{
    /// <summary>The shadow foreign key every record table has.</summary>
    public const string PartnershipId = "PartnershipId";

    public static EntityTypeBuilder<T> Record<T>(this EntityTypeBuilder<T> b, string table) where T : class, IPartnershipRecord
    {
        b.ToTable(table);
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property<Guid>(PartnershipId);
        b.HasOne<Partnership>().WithMany().HasForeignKey(PartnershipId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Version).IsConcurrencyToken();
        return b;
    }
}

public sealed class SteeringMeetingConfiguration : IEntityTypeConfiguration<SteeringMeeting>
{
    public void Configure(EntityTypeBuilder<SteeringMeeting> b)
    {
        b.Record("SteeringMeetings");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Agenda).HasMaxLength(2000);
        b.Property(x => x.Minutes).HasMaxLength(20_000);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.Property(x => x.Present).AsJson();
        b.Property(x => x.Decisions).AsJson();
        b.Property(x => x.Attachments).AsJson();
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(SteeringMeeting.Date));
    }
}

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Record("Payments");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Reference).HasMaxLength(100);
        b.Property(x => x.MarkedBy).HasMaxLength(200);
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(Payment.DueOn));
        b.HasIndex(x => new { x.DueOn, x.PaidOn, x.Cancelled }); // what falls due, across partnerships
    }
}

public sealed class YearlyFollowUpConfiguration : IEntityTypeConfiguration<YearlyFollowUp>
{
    public void Configure(EntityTypeBuilder<YearlyFollowUp> b)
    {
        b.Record("YearlyFollowUps");
        b.Property(x => x.Description).HasMaxLength(20_000);
        b.Property(x => x.SubmittedBy).HasMaxLength(200);
        b.Property(x => x.Assessment).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.AssessmentReason).HasMaxLength(2000);
        b.Property(x => x.AssessedBy).HasMaxLength(200);
        b.Property(x => x.KeyFigures).AsJson();
        b.Property(x => x.Finances).AsJson();
        b.Property(x => x.Statements).AsJson();
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(YearlyFollowUp.Year)).IsUnique(); // one report per year, even under a race
    }
}

public sealed class QuarterlyReportConfiguration : IEntityTypeConfiguration<QuarterlyReport>
{
    public void Configure(EntityTypeBuilder<QuarterlyReport> b)
    {
        b.Record("QuarterlyReports");
        b.Property(x => x.Draft).HasMaxLength(40_000);
        b.Property(x => x.Completion).HasMaxLength(20_000);
        b.Property(x => x.SavedBy).HasMaxLength(200);
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(QuarterlyReport.Year), nameof(QuarterlyReport.Quarter)).IsUnique();
    }
}

public sealed class CoordinationMeetingConfiguration : IEntityTypeConfiguration<CoordinationMeeting>
{
    public void Configure(EntityTypeBuilder<CoordinationMeeting> b)
    {
        b.Record("CoordinationMeetings");
        b.Property(x => x.ReferringUnit).HasMaxLength(200);
        b.Property(x => x.Participants).HasMaxLength(1000);
        b.Property(x => x.Outcome).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(CoordinationMeeting.Date));
    }
}

public sealed class TripartiteReviewConfiguration : IEntityTypeConfiguration<TripartiteReview>
{
    public void Configure(EntityTypeBuilder<TripartiteReview> b)
    {
        b.Record("TripartiteReviews");
        b.Property(x => x.Participants).HasMaxLength(1000);
        b.Property(x => x.Activities).HasMaxLength(4000);
        b.Property(x => x.FundsUsedSoFar).HasPrecision(18, 2);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(TripartiteReview.Date));
    }
}

public sealed class UsageReportConfiguration : IEntityTypeConfiguration<UsageReport>
{
    public void Configure(EntityTypeBuilder<UsageReport> b)
    {
        b.Record("UsageReports");
        b.Property(x => x.Used).AsJson();
        b.Property(x => x.ReportedBy).HasMaxLength(200);
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(UsageReport.From));
    }
}

public sealed class RepaymentClaimConfiguration : IEntityTypeConfiguration<RepaymentClaim>
{
    public void Configure(EntityTypeBuilder<RepaymentClaim> b)
    {
        b.Record("RepaymentClaims");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.SettledAmount).HasPrecision(18, 2);
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Explanation).HasMaxLength(2000);
        b.Property(x => x.ClaimedBy).HasMaxLength(200);
        b.Property(x => x.Reference).HasMaxLength(100);
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(RepaymentClaim.ClaimedOn));
    }
}

public sealed class SurplusConfiguration : IEntityTypeConfiguration<Surplus>
{
    public void Configure(EntityTypeBuilder<Surplus> b)
    {
        b.Record("Surpluses");
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Purpose).HasMaxLength(1000);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(Surplus.Year)).IsUnique();
    }
}

public sealed class ActivityEntryConfiguration : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> b)
    {
        b.Record("Activities");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.Property(x => x.Figures).AsJson();
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(ActivityEntry.Date));
    }
}

public sealed class NightWalkConfiguration : IEntityTypeConfiguration<NightWalk>
{
    public void Configure(EntityTypeBuilder<NightWalk> b)
    {
        b.Record("NightWalks");
        b.Property(x => x.Area).HasMaxLength(200);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.Property(x => x.Groups).AsJson();
        b.HasIndex(PartnershipRecordTables.PartnershipId, nameof(NightWalk.Date));
    }
}
