using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Agreements;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Data.Configurations;

/// <summary>A running partnership is one row, like a case: its meetings, payments and follow-ups are JSON read and written with it.</summary>
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
        b.Property(p => p.Meetings).AsJson();
        b.Property(p => p.Payments).AsJson();
        b.Property(p => p.FollowUps).AsJson();
        b.Property(p => p.BudgetLines).AsJson();
        b.Property(p => p.Usage).AsJson();
        b.Property(p => p.Claims).AsJson();
        b.Property(p => p.Surpluses).AsJson();
        b.Property(p => p.Coordination).AsJson();
        b.Property(p => p.Reviews).AsJson();
        b.Property(p => p.Quarterly).AsJson();
        b.Property(p => p.Ended).AsJson();
        b.HasOne<Municipality>().WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agreement>().WithMany().HasForeignKey(p => p.AgreementId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.AgreementId).IsUnique();
        b.HasIndex(p => new { p.MunicipalityId, p.TermEnd, p.Id });
    }
}
