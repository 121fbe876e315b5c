import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { Length, MaxLength } from './text-length';
import { toValidationIssues } from './request-validation.error';

class Item {
  @IsString()
  @MaxLength(10)
  content: string;
}

class Body {
  @IsString()
  @MaxLength(253)
  name: string;

  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86400)
  ttl?: number;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @IsOptional()
  @IsIn(['primary', 'secondary'])
  domain_type?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => Item)
  records?: Item[];

  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @IsOptional()
  @IsString()
  @Length(3, 5)
  code?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+$/)
  slug?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+$/, { message: 'name must be lowercase letters' })
  label?: string;

  @IsOptional()
  @IsUUID()
  template_id?: string;

  @IsOptional()
  @ValidateBy({
    name: 'isA',
    validator: { validate: (v) => v === 'a', defaultMessage: () => 'zone must be a' },
  })
  zone?: string;
}

function issuesOf(plain: Record<string, unknown>) {
  const errors = validateSync(plainToInstance(Body, plain), { validationError: { target: true } });
  return toValidationIssues(errors);
}

const valid = { name: 'example.com' };

describe('toValidationIssues (pydantic v1 items)', () => {
  it('reports a missing field once, as "field required", whatever else it would fail', () => {
    expect(issuesOf({})).toEqual([
      { loc: ['name'], msg: 'field required', type: 'value_error.missing' },
    ]);
  });

  it('reports null for a required field as pydantic does', () => {
    expect(issuesOf({ name: null })).toEqual([
      { loc: ['name'], msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' },
    ]);
  });

  it('reports a wrong type before any length or range', () => {
    expect(issuesOf({ name: 7 })).toEqual([
      { loc: ['name'], msg: 'str type expected', type: 'type_error.str' },
    ]);
    expect(issuesOf({ ...valid, ttl: 'soon' })).toEqual([
      { loc: ['ttl'], msg: 'value is not a valid integer', type: 'type_error.integer' },
    ]);
    expect(issuesOf({ ...valid, disabled: 'yes' })).toEqual([
      { loc: ['disabled'], msg: 'value could not be parsed to a boolean', type: 'type_error.bool' },
    ]);
    expect(issuesOf({ ...valid, records: 'a' })).toEqual([
      { loc: ['records'], msg: 'value is not a valid list', type: 'type_error.list' },
    ]);
    expect(issuesOf({ ...valid, settings: 'a' })).toEqual([
      { loc: ['settings'], msg: 'value is not a valid dict', type: 'type_error.dict' },
    ]);
  });

  it('reports lengths with their limit', () => {
    expect(issuesOf({ name: 'a'.repeat(254) })).toEqual([
      {
        loc: ['name'],
        msg: 'ensure this value has at most 253 characters',
        type: 'value_error.any_str.max_length',
        ctx: { limit_value: 253 },
      },
    ]);
    expect(issuesOf({ ...valid, code: 'ab' })).toEqual([
      {
        loc: ['code'],
        msg: 'ensure this value has at least 3 characters',
        type: 'value_error.any_str.min_length',
        ctx: { limit_value: 3 },
      },
    ]);
    expect(issuesOf({ ...valid, code: 'abcdef' })[0]).toMatchObject({
      msg: 'ensure this value has at most 5 characters',
      ctx: { limit_value: 5 },
    });
  });

  it('reports ranges and list sizes with their limit', () => {
    expect(issuesOf({ ...valid, ttl: 5 })).toEqual([
      {
        loc: ['ttl'],
        msg: 'ensure this value is greater than or equal to 60',
        type: 'value_error.number.not_ge',
        ctx: { limit_value: 60 },
      },
    ]);
    expect(issuesOf({ ...valid, ttl: 90000 })[0]).toMatchObject({
      msg: 'ensure this value is less than or equal to 86400',
      type: 'value_error.number.not_le',
    });
    const three = [{ content: 'a' }, { content: 'b' }, { content: 'c' }];
    expect(issuesOf({ ...valid, records: three })[0]).toMatchObject({
      loc: ['records'],
      msg: 'ensure this value has at most 2 items',
      type: 'value_error.list.max_items',
    });
  });

  it('reports an enumeration with the permitted values', () => {
    expect(issuesOf({ ...valid, domain_type: 'tertiary' })).toEqual([
      {
        loc: ['domain_type'],
        msg: "value is not a valid enumeration member; permitted: 'primary', 'secondary'",
        type: 'type_error.enum',
        ctx: { enum_values: ['primary', 'secondary'] },
      },
    ]);
  });

  it("reports patterns in pydantic's words unless the DTO says why", () => {
    expect(issuesOf({ ...valid, slug: 'A1' })).toEqual([
      {
        loc: ['slug'],
        msg: 'string does not match regex "^[a-z]+$"',
        type: 'value_error.str.regex',
        ctx: { pattern: '^[a-z]+$' },
      },
    ]);
    expect(issuesOf({ ...valid, label: 'A1' })[0]).toMatchObject({
      msg: 'name must be lowercase letters',
      type: 'value_error.str.regex',
    });
  });

  it('reports uuids as pydantic does, and anything else as value_error with its message', () => {
    expect(issuesOf({ ...valid, template_id: 'nope' })).toEqual([
      { loc: ['template_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' },
    ]);
    expect(issuesOf({ ...valid, zone: 'b' })).toEqual([
      { loc: ['zone'], msg: 'zone must be a', type: 'value_error' },
    ]);
  });

  it('locates nested items by index, one issue per field', () => {
    const records = [{ content: 'ok' }, {}, { content: 'x'.repeat(11) }];
    expect(issuesOf({ ...valid, records: records.slice(0, 2) })).toEqual([
      { loc: ['records', 1, 'content'], msg: 'field required', type: 'value_error.missing' },
    ]);
    expect(issuesOf({ name: 5, records: [records[2]] })).toEqual([
      { loc: ['name'], msg: 'str type expected', type: 'type_error.str' },
      {
        loc: ['records', 0, 'content'],
        msg: 'ensure this value has at most 10 characters',
        type: 'value_error.any_str.max_length',
        ctx: { limit_value: 10 },
      },
    ]);
  });
});
