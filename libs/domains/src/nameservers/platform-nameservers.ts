import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppError, PlatformConfig } from '@app/core';
import type { EntityManager, Repository } from 'typeorm';

export const NAMESERVERS_KEY = 'nameservers';

/** A host name (nameserver, PTR target): canonical, lowercase, with the trailing dot; null if not one. */
export function normalizeNameserver(value: string): string | null {
  const name = value.trim().toLowerCase().replace(/\.?$/, '.');
  const labels = name.slice(0, -1).split('.');
  // A numeric last label would make an IP address look like a host name; no TLD is numeric.
  if (name.length > 254 || labels.length < 2 || /^\d+$/.test(labels[labels.length - 1]))
    return null;
  return labels.every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l)) ? name : null;
}

/** The platform's authoritative nameservers (platform_config `nameservers`): every zone's apex NS. */
@Injectable()
export class PlatformNameservers {
  constructor(
    @InjectRepository(PlatformConfig) private readonly config: Repository<PlatformConfig>,
  ) {}

  async get(manager?: EntityManager): Promise<string[]> {
    const repo = manager ? manager.getRepository(PlatformConfig) : this.config;
    const row = await repo.findOne({ where: { key: NAMESERVERS_KEY } });
    const value = Array.isArray(row?.value) ? (row.value as unknown[]) : [];
    const names = value.filter((v): v is string => typeof v === 'string');
    if (names.length === 0) {
      throw new AppError(
        'NOT_READY',
        'The platform nameservers are not configured (PUT /admin/nameservers)',
      );
    }
    return names;
  }

  async set(
    manager: EntityManager,
    nameservers: readonly string[],
    updatedBy: string | null,
  ): Promise<void> {
    await manager
      .getRepository(PlatformConfig)
      .save({ key: NAMESERVERS_KEY, value: [...nameservers], updatedBy });
  }
}
