import { generate, generateSecret, verify } from 'otplib';

export const newTotpSecret = (): string => generateSecret();

/** RFC 6238, 30 s steps; one step either side tolerates a slightly wrong phone clock. */
export const verifyTotp = async (secret: string, token: string): Promise<boolean> => {
  try {
    return (await verify({ secret, token, epochTolerance: 30 })).valid;
  } catch {
    return false;
  }
};

export const currentTotp = (secret: string): Promise<string> => generate({ secret });
