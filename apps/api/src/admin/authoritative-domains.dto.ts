import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import { MaxLength } from '../common/text-length';

export class AuthoritativeDomainsDto {
  /**
   * Domain names (`example.com`; IDN names may be given in Unicode). Answered lowercase, in
   * punycode, without the trailing dot, each once; an empty list clears it.
   */
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(254, { each: true })
  domains: string[];
}
