import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';
import { MaxLength } from '../common/text-length';

export class NameserversDto {
  /** Host names (`ns1.example.com.`), in order: the first is the SOA primary. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(13)
  @IsString({ each: true })
  @MaxLength(254, { each: true })
  nameservers: string[];
}

export class NameserverRolloutDto {
  nameservers: string[];
  zones_total: number;
  zones_changed: number;
  /** Zones that could not be changed now; a repeated PUT picks them up. */
  zones_failed: { name: string; reason: string }[];
}
