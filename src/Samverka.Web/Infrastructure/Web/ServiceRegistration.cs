using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Cli;
using Samverka.Web.Infrastructure.Jobs;

namespace Samverka.Web.Infrastructure.Web;

public static class ServiceRegistration
{
    public const string SignInRateLimit = "sign-in";
    public const string ApiRateLimit = "api";
    public const string SmartScheme = "Samverka";

    public static WebApplicationBuilder AddSamverka(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var isDevelopment = builder.Environment.IsDevelopment();

        if (string.Equals(config["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; });
        }

        services.AddSingleton(TimeProvider.System);
        // å, ä and ö are written as themselves in pages, not as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUserAccessor>();
        services.Configure<AuthenticationSettings>(config.GetSection("Authentication"));
        var authSettings = config.GetSection("Authentication").Get<AuthenticationSettings>() ?? new AuthenticationSettings();

        AddDatabase(services, config, builder.Environment);

        // Accounts: ASVS level 2 where Identity's defaults fall short.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = authSettings.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(authSettings.LockoutMinutes);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager<SamverkaSignInManager>()
            .AddEntityFrameworkStores<SamverkaDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<SwedishIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<SamverkaClaimsFactory>();
        services.AddScoped<PersonalAccessTokenService>();
        services.AddSingleton<ValidatedTokens>();
        services.AddScoped<TwoFactorEnrolment>();

        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            // Personal access tokens are for the API only: a token cannot open account pages (second-factor secret, passwords).
            .AddPolicyScheme(SmartScheme, "Cookie eller nyckel", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api")
                && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? PersonalAccessTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null);
        auth.AddIdentityCookies();
        if (authSettings.OpenIdConnect.Enabled)
        {
            OpenIdConnectSetup.Add(auth, authSettings.OpenIdConnect);
        }

        var cookiePrefix = isDevelopment ? "samverka" : "__Host-samverka";
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = cookiePrefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
            o.LoginPath = "/logga-in";
            o.LogoutPath = "/logga-ut";
            o.AccessDeniedPath = "/atkomst-nekad";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(authSettings.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = SessionValidator.ValidateAsync,
                OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden),
            };
        });
        foreach (var (scheme, suffix) in new[] { (IdentityConstants.TwoFactorUserIdScheme, "2fa"), (IdentityConstants.ExternalScheme, "ext"), (IdentityConstants.TwoFactorRememberMeScheme, "2fa-rm") })
        {
            services.Configure<CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Name = $"{cookiePrefix}.{suffix}";
                o.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.Cookie.Path = "/";
            });
        }

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = $"{cookiePrefix}.af";
            o.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddAuthorization(Policies.Register);

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                // Razor Pages validate the antiforgery token of every POST by themselves (a test proves it);
                // a second, global filter would also refuse the Swedish status page re-executed for a refused POST.
                // One form for new and existing records: the edit page also answers the "new" address.
                o.Conventions.AddPageRoute("/Organisations/Edit", "/organisationer/ny");
                o.Conventions.AddPageRoute("/Municipalities/Edit", "/kommuner/ny");
                o.Conventions.AddPageRoute("/Municipalities/CommitteeEdit", "/kommuner/{municipalityId:guid}/namnder/ny");
                o.Conventions.AddPageRoute("/Users/Edit", "/anvandare/ny");
                o.Conventions.AddPageRoute("/Guidelines/Index", "/riktlinjer/{id:guid}");
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<DomainExceptionPageFilter>();
                // Required-ness is checked by the domain, in Swedish; not by MVC, in English.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                SwedishModelBinding.Configure(o.ModelBindingMessageProvider);
            });

        // A bad request throws in every environment, so that ClientErrorHandler can name the field in Swedish.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ClientErrorHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            // The framework's default titles are English ("Bad Request"); users of the API read Swedish.
            ctx.ProblemDetails.Title = ctx.ProblemDetails.Title switch
            {
                null or "Bad Request" or "One or more validation errors occurred." => ctx.ProblemDetails.Status switch
                {
                    400 => "Felaktig förfrågan",
                    _ => ctx.ProblemDetails.Title,
                },
                "Unauthorized" => "Inte inloggad",
                "Forbidden" => "Ingen behörighet",
                "Not Found" => "Hittades inte",
                "Method Not Allowed" => "Metoden stöds inte",
                "Conflict" => "Konflikt",
                "Unsupported Media Type" => "Formatet stöds inte",
                "Content Too Large" or "Payload Too Large" or "Request Entity Too Large" => "För stor förfrågan",
                "Too Many Requests" => "För många förfrågningar",
                "An error occurred while processing your request." or "Internal Server Error" => "Ett oväntat fel inträffade",
                var title => title,
            };
            ctx.ProblemDetails.Detail ??= ctx.ProblemDetails.Status switch
            {
                401 => "Du måste logga in eller ange en giltig nyckel.",
                403 => "Du har inte behörighet till detta.",
                404 => "Det du söker finns inte, eller så har du inte behörighet att se det.",
                413 => "Förfrågan är för stor. Dela upp den eller skicka en mindre fil.",
                415 => "Innehållstypen stöds inte: skicka JSON (Content-Type: application/json), eller multipart/form-data där en fil laddas upp.",
                429 => "För många förfrågningar. Vänta en stund och försök igen.",
                500 => "Ett oväntat fel inträffade. Ange spårnings-id:t om du kontaktar supporten.",
                _ => null,
            };
        });

        var limits = config.GetSection("RateLimiting");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (!Pipeline.IsApi(ctx.HttpContext))
                {
                    return; // a browser gets the Swedish status page (/status/429), not JSON
                }

                await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = "För många förfrågningar" },
                });
            };
            o.AddPolicy(SignInRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.GetValue("SignInPerMinute", 10), Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(ApiRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.User.Identity?.Name ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.GetValue("ApiPerMinute", 600), Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddHealthChecks().AddDbContextCheck<SamverkaDbContext>("database", tags: ["ready"]);
        services.AddOpenApi("v1", o =>
        {
            o.CreateSchemaReferenceId = Features.Api.OpenApiSchemaNames.For;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Samverka API";
                doc.Info.Description = "JSON-API för idéburet offentligt partnerskap. Autentisera med en personlig åtkomstnyckel: Authorization: Bearer svk_…";
                return Task.CompletedTask;
            });
        });

        var dataProtection = services.AddDataProtection().SetApplicationName("Samverka").PersistKeysToDbContext<SamverkaDbContext>();
        var certificatePath = config["DataProtection:CertificatePath"];
        if (!string.IsNullOrEmpty(certificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, config["DataProtection:CertificatePassword"]));
        }

        if (config.GetValue("ReverseProxy:Enabled", false))
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                foreach (var proxy in config.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in config.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
        }

        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        services.AddScoped<DatabaseStartup>();
        services.AddScoped<CommandLine>();
        services.AddScoped<Seeding.DemoData>();
        services.AddScoped<Seeding.BenchData>();
        services.AddScoped<Features.Organisations.OrganisationService>();
        services.AddScoped<Features.Municipalities.MunicipalityService>();
        services.AddScoped<Features.Account.TokenService>();
        services.AddScoped<Features.Audit.AuditLogService>();
        services.AddScoped<Features.Users.UserService>();
        services.AddScoped<Features.Guidelines.GuidelineService>();
        services.AddScoped<Features.Organisations.DocumentService>();
        services.AddScoped<Features.Handoffs.Handoffs>();
        services.AddScoped<Features.Cases.CaseService>();
        services.AddScoped<Features.Agreements.AgreementService>();
        services.AddScoped<Features.Partnerships.PartnershipService>();
        services.AddScoped<Features.Partnerships.Steering.SteeringService>();
        services.AddScoped<Features.Partnerships.FollowUp.FollowUpService>();
        services.AddScoped<Features.Partnerships.Money.MoneyService>();
        services.AddScoped<Features.Partnerships.PartnershipExports>();
        services.AddScoped<Features.Partnerships.Activities.ActivityService>();
        services.AddScoped<Features.Partnerships.PersonalDataService>();
        services.AddScoped<Features.Partnerships.Renewal.RenewalService>();
        services.AddScoped<Features.Partnerships.RetentionService>();
        services.Configure<Features.Notifications.EmailSettings>(config.GetSection("Email"));
        var contentRoot = builder.Environment.ContentRootPath;
        services.PostConfigure<Features.Notifications.EmailSettings>(e =>
            e.PickupDirectory = e.PickupDirectory.Length == 0 ? "" : Path.GetFullPath(e.PickupDirectory, contentRoot));
        services.AddScoped<Features.Notifications.DeadlineEngine>();
        services.AddScoped<Features.Notifications.ReminderPass>();
        services.AddScoped<Features.Notifications.MailSender>();
        services.AddSingleton<Features.Notifications.MailComposer>();
        services.AddScoped<Features.Notifications.InboxService>();
        services.AddScoped<Features.Notifications.CalendarFeedService>();
        services.AddScoped<Features.Notifications.Notices>();
        services.AddSamverkaJobs(config);
        services.AddSingleton<Documents.DocumentCache>();
        services.AddScoped<Features.Funding.FundingService>();
        services.AddScoped<Features.Search.SearchService>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        var provider = config["Database:Provider"] ?? "Sqlite";
        var connection = config.GetConnectionString("Samverka");
        if (string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:Samverka is empty.");
            }

            // Options are built once, not per request (a measured part of every request's fixed cost, bench/RESULTS.md).
            services.AddDbContext<SamverkaDbContext, PostgresSamverkaDbContext>(o => o.UseNpgsql(connection), optionsLifetime: ServiceLifetime.Singleton);
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var folder = Path.Combine(env.ContentRootPath, "data");
                Directory.CreateDirectory(folder);
                connection = $"Data Source={Path.Combine(folder, "samverka.db")}";
            }

            services.AddDbContext<SamverkaDbContext, SqliteSamverkaDbContext>(o => o.UseSqlite(connection), optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use Sqlite or PostgreSQL.");
        }
    }
}
