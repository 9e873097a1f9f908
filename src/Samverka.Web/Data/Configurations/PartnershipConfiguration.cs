using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Agreements;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Data.Configurations;

/// <summary>The slim root of a running partnership: parties, term, state, steering group and settings. Its records have tables of their own (PartnershipRecordConfigurations).</summary>
public sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b)
    {
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.PrimitiveCollection(p => p.MunicipalityIds);
        b.PrimitiveCollection(p => p.OrganisationIds);
        b.Property(p => p.Parties).AsJson();
        b.Property(p => p.SteeringGroup).AsJson();
        b.Ignore(p => p.Meetings);
        b.Ignore(p => p.Payments);
        b.Ignore(p => p.FollowUps);
        b.Property(p => p.BudgetLines).AsJson();
        b.Ignore(p => p.Usage);
        b.Ignore(p => p.Claims);
        b.Ignore(p => p.Surpluses);
        b.Ignore(p => p.Coordination);
        b.Ignore(p => p.Reviews);
        b.Ignore(p => p.Quarterly);
        b.Property(p => p.Ended).AsJson();
        b.Property(p => p.KeyFigureNames).AsJson();
        b.Ignore(p => p.Activities);
        b.Ignore(p => p.NightWalks);
        b.Property(p => p.NightWalkRate).HasPrecision(18, 2);
        b.Property(p => p.SteeringChanges).AsJson();
        b.Property(p => p.IntervalDecisions).AsJson();
        b.Property(p => p.Renegotiations).AsJson();
        b.Property(p => p.Amendments).AsJson();
        b.Property(p => p.Declined).AsJson();
        b.Property(p => p.PaymentInterval).HasConversion<string>().HasMaxLength(20);
        b.Property<int>(ObligationRefresh.BuiltColumn); // which rules the stored obligations were built by (ObligationRefresh.RulesVersion)
        b.HasOne<Municipality>().WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agreement>().WithMany().HasForeignKey(p => p.AgreementId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.AgreementId).IsUnique();
        b.HasIndex(p => new { p.MunicipalityId, p.TermEnd, p.Id });
    }
}

/// <summary>
/// Who takes part in a partnership, one row per participating municipality and party
/// organisation: what the scope filter selects by, through an index, instead of reading every
/// partnership's lists (ADR 0012). Written with the partnership; parties do not change after it starts.
/// </summary>
public sealed class PartnershipParty
{
    public Guid PartnershipId { get; set; }
    public Guid PartyId { get; set; }
}

public sealed class PartnershipPartyConfiguration : IEntityTypeConfiguration<PartnershipParty>
{
    public void Configure(EntityTypeBuilder<PartnershipParty> b)
    {
        b.ToTable("PartnershipParties");
        b.HasKey(x => new { x.PartnershipId, x.PartyId });
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PartyId, x.PartnershipId });
    }
}

public sealed class TeamChangeConfiguration : IEntityTypeConfiguration<TeamChange>
{
    public void Configure(EntityTypeBuilder<TeamChange> b)
    {
        b.Property(t => t.Member).HasMaxLength(200);
        b.Property(t => t.Side).HasMaxLength(300);
        b.Property(t => t.Reason).HasMaxLength(TeamChange.MaxReason);
        b.Property(t => t.By).HasMaxLength(200);
        b.HasOne<Partnership>().WithMany().HasForeignKey(t => t.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.PartnershipId, t.At });
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Side).HasMaxLength(300);
        b.Property(t => t.AddedBy).HasMaxLength(200);
        b.HasOne<Partnership>().WithMany().HasForeignKey(t => t.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Samverka.Web.Infrastructure.Auth.ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.PartnershipId, t.UserId }).IsUnique();
        b.HasIndex(t => t.UserId);
    }
}

/// <summary>Participants are personal data: a table of their own, so the team filter and the audit without content apply.</summary>
public sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ReferringUnit).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Consents).AsJson();
        b.Property(x => x.Placements).AsJson();
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PartnershipId, x.ReferredOn, x.Id });
    }
}

/// <summary>Day notes are indexed by municipality and date for the retention job.</summary>
public sealed class DayNoteConfiguration : IEntityTypeConfiguration<DayNote>
{
    public void Configure(EntityTypeBuilder<DayNote> b)
    {
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.WrittenBy).HasMaxLength(200);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MunicipalityId, x.Date });
        b.HasIndex(x => new { x.ParticipantId, x.Date });
        b.HasIndex(x => new { x.PartnershipId, x.Date }); // each partnership's oldest note, for the retention's reminder
    }
}
