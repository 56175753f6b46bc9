import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { MAIL_LANGUAGES } from '@rostrum/contracts';
import { AuthLimitsService } from './auth-limits.service';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { AuthService, SignedIn } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterDto,
} from './dto/auth.dto';
import { PasswordResetService } from './password-reset.service';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';
import { SessionService } from './session.service';

/**
 * Sign-in, registration and sign-out. Signing in answers the token (for scripts) and sets it as the
 * HttpOnly session cookie (for the web app, whose scripts never see it).
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly resets: PasswordResetService,
    private readonly limits: AuthLimitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: `Sign in with email and password; also sets the HttpOnly session cookie ${SESSION_COOKIE}`,
    description:
      'Failed sign-ins are limited: 10 a minute per (address, email), 30 a minute per address, 20 per 15 minutes per email; past any, 429 RATE_LIMITED with Retry-After. Successful sign-ins are not counted.',
  })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.withCookie(req, res, await this.auth.login(dto, clientAddress(req)));
  }

  @Post('register')
  @Public()
  @ApiOperation({
    summary:
      'Create an account from an invitation code (single use; 409 used, 410 expired); sets the session cookie',
    description: '10 a minute per address (with invitation look-ups and password-reset requests).',
  })
  async register(@Body() dto: RegisterDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.withCookie(req, res, await this.auth.register(dto, clientAddress(req)));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({
    summary:
      "Sign out: clears the session cookie and revokes the user's tokens (open sockets close within 5 s)",
  })
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.sessions.revokeAll(user.id);
    clearSessionCookie(req, res);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({
    summary:
      "Change the signed-in user's password (403 when the current one is wrong); revokes their other tokens and sets a new session cookie",
  })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const token = await this.auth.changePassword(user.id, dto, clientAddress(req));
    setSessionCookie(req, res, token, this.config.jwt.ttlSeconds);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask for a password-reset link (single use, valid 60 minutes); always 202, whether or not the address has an account',
  })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto, @Req() req: Request): Promise<void> {
    await this.limits.takeSignUp(clientAddress(req));
    // The mail is written in the language the browser asks for (the account has none of its own).
    void this.resets.request(dto.email, req.acceptsLanguages(...MAIL_LANGUAGES) || null);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the token of a reset link; a used or expired token → 410 RESET_EXPIRED',
  })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.resets.confirm(dto.token, dto.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user.id);
  }

  private withCookie(req: Request, res: Response, signedIn: SignedIn): SignedIn {
    setSessionCookie(req, res, signedIn.accessToken, this.config.jwt.ttlSeconds);
    return signedIn;
  }
}

/** The client's address as express gives it (through `trust proxy` when behind proxies). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
