using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Funding;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;

namespace Samverka.Web.Data.Configurations;

/// <summary>
/// A case is one row. The parties and municipalities are primitive collections (queried by the
/// scope filter); the rules it is judged under, its judgements, meetings, transitions and
/// decisions are JSON, read and written whole with the case.
/// </summary>
public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property<int>(CommitmentRefresh.BuiltColumn); // which rules the stored commitments were built by (CommitmentRefresh.RulesVersion)
        b.Property(c => c.SearchText).HasMaxLength(200);
        b.Property(c => c.Idea).HasMaxLength(Case.MaxText);
        b.Property(c => c.TargetGroup).HasMaxLength(500);
        b.Property(c => c.SimilarWork).HasMaxLength(Case.MaxText);
        b.Property(c => c.AmountPerYear).HasPrecision(14, 2);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.PrimitiveCollection(c => c.MunicipalityIds);
        b.PrimitiveCollection(c => c.OrganisationIds);
        b.PrimitiveCollection(c => c.RemitCommitteeIds);
        b.Property(c => c.Rules).AsJson();
        b.Property(c => c.Transitions).AsJson();
        b.Property(c => c.Meetings).AsJson();
        b.Property(c => c.Criteria).AsJson();
        b.Property(c => c.Remit).AsJson();
        b.Property(c => c.Suitability).AsJson();
        b.Property(c => c.DoubleFunding).AsJson();
        b.Property(c => c.CaseByCaseLegalForms).AsJson();
        b.Property(c => c.LegalFormJudgement).AsJson();
        b.Property(c => c.DecidingBody).AsJson();
        b.Property(c => c.Decisions).AsJson();
        b.HasOne<Municipality>().WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.MunicipalityId, c.State, c.Id });
        b.Ignore(c => c.IsOpen);
    }
}

/// <summary>A diarienummer used in a municipality's decision; the unique index makes a second use impossible, even at the same instant.</summary>
public sealed class CaseNumberEntry : IMunicipalityOwned
{
    public Guid MunicipalityId { get; set; }
    public string Number { get; set; } = "";
    public Guid CaseId { get; set; }
}

public sealed class CaseNumberEntryConfiguration : IEntityTypeConfiguration<CaseNumberEntry>
{
    public void Configure(EntityTypeBuilder<CaseNumberEntry> b)
    {
        b.HasKey(e => new { e.MunicipalityId, e.Number });
        b.Property(e => e.Number).HasMaxLength(30);
        b.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.CaseId);
    }
}

/// <summary>A file attached to a dialogue meeting; its bytes are a <see cref="StoredFile"/> with the same id, like organisation documents.</summary>
public sealed class CaseAttachment : IMunicipalityOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid MunicipalityId { get; set; }
    public Guid MeetingId { get; set; }
    public string FileName { get; set; } = "";
    public FileFormat Format { get; set; }
    public long Size { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

public sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.UploadedBy).HasMaxLength(200);
        b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.CaseId, a.MeetingId });
    }
}

public sealed class BudgetFrameConfiguration : IEntityTypeConfiguration<BudgetFrame>
{
    public void Configure(EntityTypeBuilder<BudgetFrame> b)
    {
        b.Property(f => f.Amount).HasPrecision(14, 2);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasOne<Committee>().WithMany().HasForeignKey(f => f.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.CommitteeId, f.Year }).IsUnique();
        b.HasIndex(f => new { f.MunicipalityId, f.Year });
    }
}

public sealed class OtherSupportConfiguration : IEntityTypeConfiguration<OtherSupport>
{
    public void Configure(EntityTypeBuilder<OtherSupport> b)
    {
        b.Property(s => s.Activity).HasMaxLength(200);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.AmountPerYear).HasPrecision(14, 2);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Committee>().WithMany().HasForeignKey(s => s.CommitteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.MunicipalityId, s.OrganisationId });
    }
}
