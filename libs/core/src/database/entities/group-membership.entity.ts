import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  type Relation,
} from 'typeorm';
import { Group } from './group.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const GROUP_MEMBER_TYPES = ['user', 'group'] as const;
export type GroupMemberType = (typeof GROUP_MEMBER_TYPES)[number];

/**
 * A user or a child group inside a group (ScaiKey groups nest). `member_id` is polymorphic, so it has no
 * foreign key; the row itself is part of its group and goes with it (ON DELETE CASCADE).
 */
@Entity({ name: 'group_memberships' })
@Index('uq_group_memberships_group_member', ['groupId', 'memberType', 'memberId'], { unique: true })
@Index('idx_group_memberships_member', ['memberType', 'memberId'])
export class GroupMembership extends UuidPrimaryEntity {
  @Column({ name: 'group_id', type: 'char', length: 36 })
  groupId: string;

  @ManyToOne(() => Group, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_group_memberships_group_id' })
  group?: Relation<Group>;

  @Column({ name: 'member_type', type: 'varchar', length: 16 })
  memberType: GroupMemberType;

  /** `users.id` or `groups.id`, according to `member_type`. */
  @Column({ name: 'member_id', type: 'char', length: 36 })
  memberId: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
