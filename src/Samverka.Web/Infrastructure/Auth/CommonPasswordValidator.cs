using Microsoft.AspNetCore.Identity;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>
/// Refuses passwords found in a list of commonly used ones (OWASP ASVS 2.1.7). Length is the
/// only other rule (at least 12, long ones allowed); there are no composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.Trim().ToLowerInvariant();
        var isCommon = Common.Value.Contains(lower)
            || (user.Email is { } email && lower.Contains(email.Split('@')[0].ToLowerInvariant(), StringComparison.Ordinal) && lower.Length < 20)
            || lower.Distinct().Count() <= 2;
        return Task.FromResult(isCommon
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "Lösenordet är för vanligt eller för lätt att gissa. Välj en längre fras, gärna flera ord.",
            })
            : IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly
            .GetManifestResourceStream("Samverka.Web.Infrastructure.Auth.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.ToLowerInvariant());
            }
        }

        return set;
    }
}

/// <summary>Identity's error texts in Swedish.</summary>
public sealed class SwedishIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Lösenordet måste ha minst {length} tecken." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Det finns redan ett konto med e-postadressen {email}." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Det finns redan ett konto med användarnamnet {userName}." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "E-postadressen är inte giltig." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Fel lösenord." };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "Kontot ändrades av någon annan samtidigt. Försök igen." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "Användarnamnet (e-postadressen) innehåller tecken som inte är tillåtna." };

    public override IdentityError UserLockoutNotEnabled() =>
        new() { Code = nameof(UserLockoutNotEnabled), Description = "Kontot kan inte spärras." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Länken är ogiltig eller har redan använts." };

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = "Reservkoden gick inte att använda." };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Något gick fel. Försök igen." };
}
