using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Municipalities;

namespace Samverka.Web.Data.Configurations;

/// <summary>
/// An agreement is one row: its content is one canonical JSON value (the same text that is
/// hashed and kept in every version), its parties primitive collections for the scope filter.
/// </summary>
public sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.Property(a => a.Content).HasConversion(
            c => c.ToCanonicalJson(),
            json => AgreementContent.FromJson(json),
            new ValueComparer<AgreementContent>((x, y) => x!.ToCanonicalJson() == y!.ToCanonicalJson(), c => c.ToCanonicalJson().GetHashCode(StringComparison.Ordinal), c => c));
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.SignedSha256).HasMaxLength(64);
        b.Property(a => a.Scans).AsJson();
        b.PrimitiveCollection(a => a.MunicipalityIds);
        b.PrimitiveCollection(a => a.OrganisationIds);
        b.Property(a => a.Rules).AsJson();
        b.Property(a => a.Decision).AsJson();
        b.Property(a => a.Consultation).AsJson();
        b.HasOne<Municipality>().WithMany().HasForeignKey(a => a.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agreement>().WithMany().HasForeignKey(a => a.AmendsId).OnDelete(DeleteBehavior.Restrict);
        // One agreement per case; amendments point at the agreement they amend instead.
        b.HasIndex(a => a.CaseId).IsUnique().HasFilter("\"AmendsId\" IS NULL");
        b.HasIndex(a => new { a.AmendsId, a.AmendmentNumber }).IsUnique();
        b.HasIndex(a => new { a.MunicipalityId, a.State, a.Id });
        b.Ignore(a => a.IsLocked);
    }
}

public sealed class AgreementVersionConfiguration : IEntityTypeConfiguration<AgreementVersion>
{
    public void Configure(EntityTypeBuilder<AgreementVersion> b)
    {
        b.Property(v => v.Sha256).HasMaxLength(64);
        b.Property(v => v.SavedBy).HasMaxLength(200);
        b.Property(v => v.Note).HasMaxLength(300);
        b.HasOne<Agreement>().WithMany().HasForeignKey(v => v.AgreementId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.AgreementId, v.Number }).IsUnique();
    }
}
